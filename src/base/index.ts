export { InternalError, assert, assertNever } from './assert.js';
