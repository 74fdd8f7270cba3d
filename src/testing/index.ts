export { startMariaDb, type MariaDbOptions, type MariaDbServer } from './mariadb.js';
export { startRockling, freePort, type RocklingOptions, type RocklingServer } from './rockling.js';
