import type { Actor } from './arrangements.ts';

/** A signed-in person as the audit log names them: "Name <e-mail>", with their id. */
export function actorOf(user: { id: number; name: string; email: string }): Actor & { userId: number } {
  return { userId: user.id, label: `${user.name} <${user.email}>` };
}
