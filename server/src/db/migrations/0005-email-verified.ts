import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.email_verified`: Kakao login links only to an account whose email is proven (issue 9,
 * account pre-hijack). Password sign-ups start unverified. Accounts Kakao created (no password)
 * got their email from Kakao's verified address, so they start verified; a password account that
 * was linked by email before this migration stays unverified, since that link is what the attack used.
 * Plain `ALTER TABLE … ADD COLUMN` works on SQLite and MySQL and does not rebuild the table.
 */
export class EmailVerified1764000000005 implements MigrationInterface {
  name = 'EmailVerified1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT 0');
    await q.query('UPDATE users SET email_verified = 1 WHERE kakao_id IS NOT NULL AND password_hash IS NULL AND email IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN email_verified');
  }
}
