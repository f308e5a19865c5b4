// protobufjs returns 64-bit integers as Long objects whenever the `long` package is installed
// (it often is, transitively), whatever pbjs --force-number said. Every 64-bit value in edge.v1
// (sequence numbers, milliseconds, byte counts) stays below 2^53, so we switch Long off and get
// plain numbers. This module must be evaluated before the generated code: see wire.ts.
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
