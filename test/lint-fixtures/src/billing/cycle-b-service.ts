import { a } from './cycle-a-service.ts';

export const b = (): number => (a.length ? 1 : 0);
