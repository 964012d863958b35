/** The service's health: the database answers. */
import type { Db } from '../core/db/types.ts';
import { ping } from './repo.ts';

export async function databaseAnswers(db: Db): Promise<void> {
  await ping(db);
}
