export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}
