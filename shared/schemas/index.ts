export * from './common';
export * from './coop';
export * from './member';
export * from './product';
export * from './sale';
export * from './journal';
export * from './material';
export * from './event';
