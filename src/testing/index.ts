export { startMariaDb, type MariaDbOptions, type MariaDbServer } from './mariadb.js';
