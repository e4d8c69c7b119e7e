// The simulation engine's public API.
export { simulate, DEFAULT_MAX_STEPS, DEFAULT_MAX_TIME_US, type SimulationLimits } from './simulate';
export { stateAt, emptyDeviceState } from './state';
export * from './trace';
