// A Mosquitto broker of the test's own (the one the machine runs on 1883 is shared and left alone).
// One launcher serves the tests and the fleet benchmark: scripts/fleet/mosquitto.mjs.
export { startMosquitto, type Mosquitto as TestMosquitto } from '../../scripts/fleet/mosquitto.mjs';
