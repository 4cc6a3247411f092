export * from './problem-details.filter.js';
export * from './request-input.interceptor.js';
export * from './health.controller.js';
export * from './config.js';
export * from './http-app.js';
export * from './zod-openapi.js';
export * from './event-store.module.js';
