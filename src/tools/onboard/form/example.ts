/**
 * The forms `rockling onboard init` writes: the seed's appendix (《StarRocks 业务接入申请表示例》)
 * as a filled example, and a blank template with the same comments.
 */

const HEADER = `# yaml-language-server: $schema=./onboarding-form.schema.json
# StarRocks 业务接入申请表 / Rockling onboarding application form — one file per business.
# Check it:   rockling onboard check <this file>
# Units: sizes 5 TB, 100 GB (binary: 1 GB = 2^30 bytes); counts 500M, 5亿, 1.2 billion;
#        durations 10s, 200ms, 5 min, 365 days, T+1.
`;

/** The seed's appendix form. Fields the seed does not give are marked "not in the seed". */
export const EXAMPLE_FORM = `${HEADER}
business: user_profile            # 业务/项目名称 — identifier: names the database, jobs, resource groups
title: XX 用户画像系统
owner:                             # 负责人及联系方式
  name: 张三
  contact: zhangsan@example.com
scenario: [profile]                # 业务场景: bi | adhoc | profile | dashboard | cdc | logs
description: 用于圈选用户、分析用户行为，支撑精准营销
core: false                        # core business → dedicated cluster (rule R-G2)

sources:                           # 数据源
  - name: user_behavior_log
    kind: kafka                    # kafka | hive | mysql | postgresql | oracle | s3 | hdfs | http
    topic: user_behavior_log
    format: json
    brokers: kafka-1:9092,kafka-2:9092,kafka-3:9092   # not in the seed: placeholder
  - name: user_profile_hive
    kind: hive
    table: ods.user_profile
    metastore: thrift://hive-metastore:9083           # not in the seed: placeholder

volume:                            # 数据体量 (单副本)
  stock: 5 TB                      # 存量
  stock_format: parquet
  daily_rows: 约 5 亿              # 日增量
  daily_bytes: 100 GB
retention: 365 天                  # 数据保留周期
freshness: < 10 秒                 # 数据时效性要求: 用户行为数据延迟 < 10 秒
qps:                               # 查询并发要求
  peak: 200
  daily: 50
latency:                           # 查询延迟要求
  point_p99: 200ms                 # 简单点查
  complex_p99: 5s                  # 复杂圈人

# Not in the seed: the tables the sources feed. The tool needs columns (or a 'sample' to read
# them from: a .csv/.json file or mysql://user:pass@host:port/db/table).
tables:
  - name: user_behavior
    from: user_behavior_log
    updates: none                  # none | upsert | partial | cdc
    time_column: event_time
    daily_rows: 5亿                # the whole daily increment is behaviour data
    daily_bytes: 100 GB
    columns:
      - { name: event_time, type: DATETIME, nullable: false }
      - { name: user_id, type: BIGINT, ndv: 1亿, nullable: false }
      - { name: event_type, type: VARCHAR(32), ndv: 50 }
      - { name: item_id, type: BIGINT, ndv: 1000万 }
      - { name: city, type: VARCHAR(64), ndv: 400 }
      - { name: properties, type: JSON }
  - name: user_profile
    from: user_profile_hive
    updates: partial               # tags are written by several jobs (partial column updates)
    key: [user_id]
    rows: 1亿                      # assumed user count (as in ONBOARDING.md §8)
    stock: 5 TB                    # the stock is the Hive profile table (its only batch source)
    stock_format: parquet
    freshness: T+1                 # refreshed daily from Hive
    columns:
      - { name: user_id, type: BIGINT, ndv: 1亿, nullable: false }
      - { name: city, type: VARCHAR(64), ndv: 400 }
      - { name: tag, type: VARCHAR(64), ndv: 2000 }
      - { name: gender, type: TINYINT, ndv: 3 }
      - { name: age, type: SMALLINT, ndv: 100 }
      - { name: register_time, type: DATETIME }
      - { name: last_active_time, type: DATETIME }

queries:                           # 典型查询 SQL 示例 (the seed elides the table names with "...")
  - name: user_events
    sql: SELECT * FROM user_behavior WHERE user_id = ?
    sla: point
  - name: tag_count
    sql: SELECT tag, count(1) FROM user_profile WHERE city IN (?) GROUP BY tag
    sla: complex

cluster:                           # not in the seed: what the platform offers (defaults shown)
  mode: auto                       # auto | shared | dedicated
  be_disk: 8 TB
  be_cores: 32
  be_memory: 128 GB
  replication: 3
  starrocks_version: "3.3.5"
`;

/** A blank form with the same structure and comments. */
export const BLANK_FORM = `${HEADER}
business: my_business              # identifier: lower case letters, digits, _
title: My business
owner:
  name: ""                         # 负责人
  contact: ""                      # e-mail / phone
scenario: [bi]                     # bi | adhoc | profile | dashboard | cdc | logs
description: ""
core: false

sources:
  - name: events
    kind: kafka                    # kafka | hive | mysql | postgresql | oracle | s3 | hdfs | http
    topic: events
    format: json

volume:
  stock: 0 GB
  stock_format: parquet            # parquet | orc | csv | json
  daily_rows: 0
  daily_bytes: 1 GB
retention: 90 days
freshness: 1 min
qps:
  peak: 10
  daily: 2
latency:
  point_p99: 500ms
  complex_p99: 10s

tables:
  - name: events
    from: events
    updates: none                  # none | upsert | partial | cdc
    time_column: event_time
    columns:
      - { name: event_time, type: DATETIME, nullable: false }
      - { name: id, type: BIGINT, nullable: false }

queries:
  - name: by_id
    sql: SELECT * FROM events WHERE id = ?
`;
