export { startMariaDb, type MariaDbOptions, type MariaDbServer } from './mariadb.js';
export { startRockling, freePort, type RocklingOptions, type RocklingServer } from './rockling.js';
export {
  startKafkaMock,
  type KafkaMock,
  type KafkaMockOptions,
  type KafkaCompression,
  type ProduceMessage,
  type ProduceOptions,
  type KafkaStreamProducer,
} from './kafka-mock.js';
