/** StarRocks' HTTP load API: FE role (redirects, label state) and BE role (Stream Load execution). */
export { startHttpServers, type HttpServerOptions, type RunningHttp } from './server.js';
export type { LookupUser } from './auth.js';
export { startLoadApi, type LoadApi } from './load-api.js';
