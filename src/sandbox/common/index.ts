export * from './faults';
export * from './rate-limit';
export * from './request-log';
export * from './server';
export * from './emulator';
export * from './validate';
