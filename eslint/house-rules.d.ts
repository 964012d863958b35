import type { Linter } from 'eslint';

export const TIME: { selector: string; message: string }[];
export const FOCUS: { selector: string; message: string }[];
export const houseRules: Linter.Config[];
