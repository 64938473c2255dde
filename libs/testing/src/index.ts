export * from './env';
export * from './engines';
export * from './wait';
export * from './http';
export * from './push-service';
export * from './consumers';
