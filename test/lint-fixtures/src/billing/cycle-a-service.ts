import { b } from './cycle-b-service.ts';

export const a = (): number => b() + 1;
