import type { CurrentUser } from "../server/accounts/current-user";
import type { Container } from "../server/context";

type SeedContainer = Pick<Container, "db" | "services">;

/**
 * The person a seeded cooperative acts through: its first member, or a new owner account (password: the demo
 * password) for a cooperative that has none, so every step it takes in the demo has a person behind it.
 * Looked up once per cooperative name.
 */
export function cooperativeMembers(container: SeedContainer, passwordHash: string) {
  const { db, services } = container;
  const { models } = db;
  const members = new Map<string, CurrentUser>();
  return async function memberOf(name: string): Promise<CurrentUser> {
    const known = members.get(name);
    if (known) return known;
    const coop = await models.Cooperative.findOne({ where: { name } });
    if (!coop) throw new Error(`seed: unknown cooperative ${name}`);
    let member = await models.CooperativeMember.findOne({ where: { cooperativeId: coop.id } });
    if (!member) {
      const user = await models.User.create({
        email: `lienhe.${coop.slug}@htxconnect.example`,
        passwordHash,
        fullName: coop.representative,
        phone: coop.phone,
        role: "cooperative",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: new Date(),
      });
      member = await models.CooperativeMember.create({
        userId: user.id,
        cooperativeId: coop.id,
        role: "owner",
      });
    }
    const user = (await services.accounts.getCurrentUser({ userId: member.userId }))!;
    members.set(name, user);
    return user;
  };
}
