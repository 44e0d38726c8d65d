import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/server/db/migrate";
import { createTestDatabase } from "../helpers/database";

/**
 * The migrations are hand-written SQL (the Prisma CLI cannot run offline), so this test checks that
 * the migrated database has exactly the tables, columns, types, nullability, enums and unique
 * indexes that prisma/schema.prisma declares.
 */
const SCHEMA = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");

const PG_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

interface Field {
  model: string;
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: string;
}

function parseSchema() {
  const enums = new Map<string, string[]>();
  for (const m of SCHEMA.matchAll(/enum (\w+) \{([^}]*)\}/g)) enums.set(m[1], m[2].split(/\s+/).filter(Boolean));
  const models = new Map<string, Field[]>();
  const uniques: { model: string; columns: string[] }[] = [];
  for (const m of SCHEMA.matchAll(/model (\w+) \{([^}]*)\}/g)) {
    const fields: Field[] = [];
    for (const raw of m[2].split("\n")) {
      const line = raw.trim();
      if (!line || line.startsWith("//") || line.startsWith("///")) continue;
      const uniq = /^@@unique\(\[([^\]]+)\]\)/.exec(line);
      if (uniq) uniques.push({ model: m[1], columns: uniq[1].split(",").map((s) => s.trim()) });
      if (line.startsWith("@@")) continue;
      const f = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!f) continue;
      const [, name, type, list, optional, attrs] = f;
      if (attrs.includes("@relation") || (!PG_TYPES[type] && !enums.has(type))) continue; // relation fields
      fields.push({ model: m[1], name, type, list: !!list, optional: !!optional, attrs });
      if (/@unique\b/.test(attrs)) uniques.push({ model: m[1], columns: [name] });
    }
    models.set(m[1], fields);
  }
  return { enums, models, uniques };
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase("schema");
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe("migrations agree with prisma/schema.prisma", () => {
  const schema = parseSchema();

  it("has every model as a table and no other table", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...schema.models.keys()].sort());
  });

  it("has every field as a column with the right type and nullability, and no other column", async () => {
    for (const [model, fields] of schema.models) {
      const { rows } = await client.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
        "SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [model],
      );
      const columns = new Map(rows.map((r) => [r.column_name, r]));
      expect([...columns.keys()].sort(), model).toEqual(fields.map((f) => f.name).sort());
      for (const f of fields) {
        const c = columns.get(f.name)!;
        const where = `${model}.${f.name}`;
        if (f.list) expect(c.data_type, where).toBe("ARRAY");
        else if (schema.enums.has(f.type)) expect(c.udt_name, where).toBe(f.type);
        else if (f.attrs.includes("@db.Uuid")) expect(c.data_type, where).toBe("uuid");
        else expect(c.data_type, where).toBe(PG_TYPES[f.type]);
        if (!f.list) expect(c.is_nullable, where).toBe(f.optional ? "YES" : "NO");
      }
    }
  });

  it("has the enums with the same values", async () => {
    for (const [name, values] of schema.enums) {
      const { rows } = await client.query<{ enumlabel: string }>(
        "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder",
        [name],
      );
      expect(rows.map((r) => r.enumlabel)).toEqual(values);
    }
  });

  it("has a unique index for every @unique and @@unique", async () => {
    const { rows } = await client.query<{ tablename: string; indexdef: string }>("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'");
    for (const u of schema.uniques) {
      const cols = u.columns.join(", ");
      // PostgreSQL quotes only identifiers that need it, so compare without quotes.
      const found = rows.some((r) => r.tablename === u.model && r.indexdef.includes("UNIQUE") && r.indexdef.replace(/"/g, "").includes(`(${cols})`));
      expect(found, `${u.model}(${cols})`).toBe(true);
    }
  });

  it("records migrations in Prisma's table and applies nothing twice", async () => {
    const again = await migrateDatabase({ databaseUrl: database.url });
    expect(again.applied).toEqual([]);
    const { rows } = await client.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
