/**
 * A single SQL value as it travels from the engine to the wire. The engine converts DuckDB values
 * into this form once; temporal and decimal values arrive already in StarRocks' text form
 * (DATE 'YYYY-MM-DD', DATETIME 'YYYY-MM-DD HH:MM:SS[.ffffff]', DECIMAL with its scale), and
 * nested values (ARRAY/MAP/STRUCT/JSON) as StarRocks renders them. The column's SqlType says how
 * to encode each in the binary protocol.
 */
export type Value = null | boolean | number | bigint | string | Uint8Array;

/** A batch of rows, row-major. Batches keep memory bounded while results stream. */
export type RowBatch = readonly (readonly Value[])[];
