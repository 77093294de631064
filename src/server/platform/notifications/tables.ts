import type { ColumnType, Generated } from 'kysely';

/** The notification centre's table (migration 0008), as Kysely sees it; part of the Database interface. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One message to one user (站内消息). */
export interface NotificationsTable {
  county_id: number;
  id: Generated<number>;
  user_id: number;
  /** Where it comes from, e.g. 'inspections.reminder' (the web shows an icon/label by its prefix). */
  kind: string;
  title: string;
  body: Generated<string>;
  /** A path inside the web app, e.g. '/inspections/problems/12'. */
  link: string | null;
  /** Same key for the same user = the same message: stored once. */
  dedupe_key: string | null;
  read_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
}
