import type { AdminTables } from '../admin/admin.tables.ts';
import type { AuthTables } from '../auth/auth.tables.ts';
import type { BlogTables } from '../blog/blog.tables.ts';
import type { BookingTables } from '../booking/booking.tables.ts';
import type { ContactTables } from '../contact/contact.tables.ts';
import type { GuideTables } from '../guide/guide.tables.ts';
import type { JobsTables } from '../jobs/jobs.tables.ts';
import type { MailTables } from '../mail/mail.tables.ts';
import type { SettingsTables } from '../settings/settings.tables.ts';
import type { SiteTables } from '../site/site.tables.ts';

/**
 * Every table, composed from the modules that own them. Conventions that keep one schema on
 * both engines: instants are integer epoch milliseconds (`*_at`), booleans are 0/1 integers,
 * ids are text, structured values are JSON text.
 */
export interface Database
  extends SettingsTables,
    SiteTables,
    AuthTables,
    ContactTables,
    MailTables,
    AdminTables,
    JobsTables,
    GuideTables,
    BookingTables,
    BlogTables {}
