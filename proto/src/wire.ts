// The generated edge.v1 code, loaded after numbers-not-longs.ts has configured protobufjs.
// Import `edge` from here, never from ../gen directly.
import './numbers-not-longs.js';

export { edge } from '../gen/edge.js';
