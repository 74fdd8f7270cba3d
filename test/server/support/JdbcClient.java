// MariaDB Connector/J client for test/server/jdbc.test.ts: prints one "name value" line per
// check; the test compares them. Runs with useServerPrepStmts=true (binary protocol).
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.*;

public class JdbcClient {
  static void out(String name, Object value) { System.out.println(name + " " + value); }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:mariadb://127.0.0.1:" + args[0] + "/test?useServerPrepStmts=true";
    try (Connection c = DriverManager.getConnection(url, "root", "")) {
      out("catalog", c.getCatalog());
      out("autocommit", c.getAutoCommit());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM types")) {
        ResultSetMetaData md = rs.getMetaData();
        out("meta", md.getColumnTypeName(1) + "," + md.getColumnTypeName(3) + "," + md.getScale(3) + "," + md.isNullable(1) + "," + md.isNullable(2));
        rs.next();
        out("text.row1", rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getDouble(4) + "|" + rs.getDate(5) + "|" + rs.getTimestamp(6) + "|" + rs.getString(7) + "|" + rs.getString(8));
        rs.next();
        out("text.row2", rs.getString(7) + "|" + rs.getBoolean(9) + "|" + rs.getInt(10) + "|" + rs.getFloat(12));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM types WHERE id >= ?")) {
        for (int i = 1; i <= 2; i++) {
          ps.setInt(1, i);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            out("binary.exec" + i, rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getDouble(4) + "|" + rs.getDate(5) + "|" + rs.getTimestamp(6) + "|" + rs.getString(7) + "|" + rs.getBoolean(9) + "|" + rs.getShort(11) + "|" + rs.getFloat(12) + "|" + rs.getString(13) + "|" + rs.getTime(16));
            rs.next();
            rs.next();
            out("binary.nulls" + i, rs.getObject(2) + "|" + rs.getObject(5) + "|" + rs.wasNull());
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?")) {
        ps.setLong(1, 9007199254740993L);
        ps.setBigDecimal(2, new BigDecimal("-12.345"));
        ps.setDate(3, Date.valueOf("1999-12-31"));
        ps.setString(4, "béta ☃😀");
        ps.setNull(5, Types.VARCHAR);
        ps.setTimestamp(6, Timestamp.valueOf("2024-01-31 12:34:56.5"));
        ps.setBinaryStream(7, new ByteArrayInputStream(new byte[] {1, 2, 3, (byte) 255}), 4);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          byte[] b = rs.getBytes(7);
          out("params", rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6) + "|" + (b == null ? "null" : b.length + ":" + (b[3] & 0xff)));
        }
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM missing");
      } catch (SQLException e) {
        out("error", e.getErrorCode() + " " + e.getSQLState());
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7 AS seven")) {
        rs.next();
        out("after-error", rs.getInt(1));
      }
      out("valid", c.isValid(5));
      c.setCatalog("information_schema");
      out("catalog2", c.getCatalog());
      try (Statement s = c.createStatement()) {
        int n = s.executeUpdate("INSERT INTO t VALUES (1)");
        out("update", n);
      }
    }
    try {
      DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + args[0] + "/", "alice", "wrong");
    } catch (SQLException e) {
      out("denied", e.getErrorCode() + " " + e.getSQLState());
    }
  }
}
