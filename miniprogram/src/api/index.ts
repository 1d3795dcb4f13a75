export * from './errors';
export * from './config';
export * from './tokens';
export * from './request';
export * from './catalog';
export * from './auth';
export * from './staff';
export * from './push';
