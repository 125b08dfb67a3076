import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invalid, RateLimited } from "../../server/errors";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { cooperativeForm, makeUser, META, PASSWORD } from "../support/factories";

async function fieldErrors(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error("expected Invalid");
}

describe.each(DIALECTS)("accounts on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect, {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "3",
      LOGIN_MAX_FAILURES_PER_IP: "50",
    });
  });
  afterAll(async () => c?.destroy());

  it("registers a household buyer and opens a session for them", async () => {
    const { userId, token } = await c.services.accounts.registerBuyer(
      {
        fullName: "Phạm Thị Lan",
        email: "  Lan.Pham@Example.VN ",
        phone: "",
        password: "mat-khau-123",
        passwordConfirm: "mat-khau-123",
      },
      META,
    );
    const user = await c.services.accounts.userForToken(token);
    expect(user).toMatchObject({
      id: userId,
      email: "lan.pham@example.vn",
      fullName: "Phạm Thị Lan",
      role: "buyer",
      organisation: null,
      cooperative: null,
    });
    const stored = await c.db.models.User.findByPk(userId);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain("mat-khau-123");
  });

  it("registers a business buyer with its organisation and tax code", async () => {
    const { token } = await c.services.accounts.registerBuyer(
      {
        fullName: "Đỗ Quang Huy",
        email: "huy@nongsan.vn",
        password: "mat-khau-123",
        passwordConfirm: "mat-khau-123",
        isBusiness: "on",
        organisationName: "Công ty TNHH Nông sản Đồng Xanh",
        organisationKind: "exporter",
        taxCode: "0101234567-001",
      },
      META,
    );
    const user = await c.services.accounts.userForToken(token);
    expect(user?.organisation).toMatchObject({
      name: "Công ty TNHH Nông sản Đồng Xanh",
      kind: "exporter",
      taxCode: "0101234567-001",
    });
  });

  it("reports every bad field at once, with translatable codes", async () => {
    const errors = await fieldErrors(
      c.services.accounts.registerBuyer(
        {
          fullName: "A",
          email: "not-an-email",
          phone: "12345",
          password: "short",
          passwordConfirm: "short",
          isBusiness: "on",
          organisationName: "",
          organisationKind: "bank",
          taxCode: "12AB",
        },
        META,
      ),
    );
    expect(errors).toMatchObject({
      fullName: { code: "too_short" },
      email: { code: "email" },
      phone: { code: "phone" },
      password: { code: "password_too_short" },
      organisationName: { code: "required" },
      organisationKind: { code: "choose_one" },
      taxCode: { code: "tax_code" },
    });
    expect(await c.db.models.User.count({ where: { fullName: "A" } })).toBe(0);
  });

  it("refuses a second account with the same email, also when both arrive at once", async () => {
    const form = {
      fullName: "Trần Văn Bình",
      email: "binh@example.vn",
      password: "mat-khau-123",
      passwordConfirm: "mat-khau-123",
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => c.services.accounts.registerBuyer(form, META)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect((r.reason as Invalid).fields).toEqual({ email: { code: "email_taken" } });
    }
    expect(await c.db.models.User.count({ where: { email: "binh@example.vn" } })).toBe(1);
  });

  it("registers a cooperative as pending, with its owner, sectors, audit trail and a note to staff", async () => {
    const staff = await makeUser(c, { role: "staff", locale: "en" });
    const form = cooperativeForm();
    const { token } = await c.services.accounts.registerCooperative(form, META);
    const user = await c.services.accounts.userForToken(token);
    expect(user?.role).toBe("cooperative");
    expect(user?.cooperative).toMatchObject({
      name: form.cooperativeName,
      status: "pending",
      memberRole: "owner",
    });
    const coop = await c.db.models.Cooperative.findByPk(user!.cooperative!.id, {
      include: [{ model: c.db.models.CooperativeSector, as: "sectors" }],
    });
    expect(coop!.slug).toMatch(/^htx-che-dac-san-tan-cuong-\d+$/);
    expect(coop!.phone).toBe("0912345679");
    expect(coop!.sectors!.map((s) => s.sector).sort()).toEqual(["handicrafts", "tea"]);
    expect(
      await c.db.models.AuditEvent.count({
        where: { entityType: "cooperative", entityId: String(coop!.id), action: "cooperative.registered" },
      }),
    ).toBe(1);
    await c.worker.drain();
    const note = c.sender.sent.find((m) => m.to === staff.email);
    expect(note?.subject).toBe(`New cooperative waiting for review: ${form.cooperativeName}`);
  });

  it("gives two cooperatives of the same name distinct slugs", async () => {
    const a = await c.services.accounts.registerCooperative(
      cooperativeForm({ cooperativeName: "HTX Miến dong Na Rì" }),
      META,
    );
    const b = await c.services.accounts.registerCooperative(
      cooperativeForm({ cooperativeName: "HTX Miến Dong Na Rì" }),
      META,
    );
    const [ua, ub] = await Promise.all([
      c.services.accounts.userForToken(a.token),
      c.services.accounts.userForToken(b.token),
    ]);
    expect(ua!.cooperative!.slug).toBe("htx-mien-dong-na-ri");
    expect(ub!.cooperative!.slug).toBe("htx-mien-dong-na-ri-2");
  });

  it("gives cooperatives registering the same name at the same moment distinct slugs", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        c.services.accounts.registerCooperative(cooperativeForm({ cooperativeName: "HTX Đồng Thời" }), META),
      ),
    );
    const users = await Promise.all(results.map((r) => c.services.accounts.userForToken(r.token)));
    const slugs = users.map((u) => u!.cooperative!.slug);
    expect(new Set(slugs).size).toBe(5);
    expect(slugs).toContain("htx-dong-thoi");
  });

  it("checks that the district belongs to the province", async () => {
    const errors = await fieldErrors(
      c.services.accounts.registerCooperative(
        cooperativeForm({ provinceCode: "20", districtCode: "164" }),
        META,
      ),
    );
    expect(errors).toEqual({ districtCode: { code: "district_mismatch" } });
  });

  it("leaves nothing behind when a registration fails half-way", async () => {
    const email = "rollback@example.vn";
    const hook = () => {
      throw new Error("disk full");
    };
    c.db.models.CooperativeMember.addHook("beforeCreate", "fail", hook);
    try {
      await expect(
        c.services.accounts.registerCooperative(
          cooperativeForm({ email, cooperativeName: "HTX Không Tồn Tại" }),
          META,
        ),
      ).rejects.toThrow("disk full");
    } finally {
      c.db.models.CooperativeMember.removeHook("beforeCreate", "fail");
    }
    expect(await c.db.models.User.count({ where: { email } })).toBe(0);
    expect(await c.db.models.Cooperative.count({ where: { name: "HTX Không Tồn Tại" } })).toBe(0);
  });

  it("logs in with the right password only, and locks the account after repeated failures", async () => {
    const user = await makeUser(c, { email: "khoa@example.vn" });
    const meta = { ...META, ip: "198.51.100.1" };
    const wrong = await fieldErrors(
      c.services.accounts.login({ email: "KHOA@example.vn", password: "sai-mat-khau" }, meta),
    );
    expect(wrong).toEqual({ _form: { code: "invalid_credentials" } });
    const ok = await c.services.accounts.login({ email: "khoa@example.vn", password: PASSWORD }, meta);
    expect((await c.services.accounts.userForToken(ok.token))?.id).toBe(user.id);

    for (let i = 0; i < 3; i++)
      await fieldErrors(c.services.accounts.login({ email: "khoa@example.vn", password: "sai" }, meta));
    // Now even the right password is refused until the window passes.
    await expect(
      c.services.accounts.login({ email: "khoa@example.vn", password: PASSWORD }, meta),
    ).rejects.toBeInstanceOf(RateLimited);
    // Another account from the same IP is not affected.
    const other = await makeUser(c, { email: "khac@example.vn" });
    const res = await c.services.accounts.login({ email: other.email, password: PASSWORD }, meta);
    expect(res.token).toBeTruthy();
  });

  it("does not tell unknown accounts from wrong passwords", async () => {
    const errors = await fieldErrors(
      c.services.accounts.login({ email: "khong-co@example.vn", password: "bat-ky" }, META),
    );
    expect(errors).toEqual({ _form: { code: "invalid_credentials" } });
  });

  it("ends sessions at logout and other sessions at a password change", async () => {
    const user = await makeUser(c, { email: "doi-mk@example.vn" });
    const a = await c.services.accounts.login({ email: user.email, password: PASSWORD }, META);
    const b = await c.services.accounts.login({ email: user.email, password: PASSWORD }, META);
    const current = (await c.services.accounts.userForToken(a.token))!;
    await expect(
      c.services.accounts.changePassword(
        current,
        { currentPassword: "sai", password: "mat-khau-moi-1", passwordConfirm: "mat-khau-moi-1" },
        a.token,
      ),
    ).rejects.toBeInstanceOf(Invalid);
    await c.services.accounts.changePassword(
      current,
      { currentPassword: PASSWORD, password: "mat-khau-moi-1", passwordConfirm: "mat-khau-moi-1" },
      a.token,
    );
    expect(await c.services.accounts.userForToken(b.token)).toBeNull();
    expect(await c.services.accounts.userForToken(a.token)).not.toBeNull();
    await c.services.accounts.logout(a.token);
    expect(await c.services.accounts.userForToken(a.token)).toBeNull();
  });

  it("keeps Vietnamese text exactly as typed", async () => {
    const name = "Đặng Thị Ngọc Ánh — Hợp tác xã Nông nghiệp Hưng Yên ữ ỡ ự";
    const user = await makeUser(c, { fullName: name });
    expect((await c.db.models.User.findByPk(user.id))!.fullName).toBe(name);
  });
});
