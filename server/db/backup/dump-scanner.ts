/**
 * Reads a mysqldump/mariadb-dump stream as it passes and counts what it holds: tables, rows per table (tuples of
 * extended INSERTs, whatever their line layout) and the schema_migrations names. Works on bytes: every character
 * that matters here is ASCII, and UTF-8 never puts an ASCII byte inside a multi-byte character.
 */
export class DumpScanner {
  private quote = 0;
  private escaped = false;
  private depth = 0;
  private field = 0;
  private statementStarted = false;
  private head: number[] = [];
  private kind: { table: string; insert: boolean } | null | undefined;
  private comment: "line" | "block" | null = null;
  private commentText: number[] = [];
  private previous = 0;
  private capture: number[] | null = null;
  private readonly rows = new Map<string, number>();
  private readonly names: string[] = [];
  private lastComment = "";
  isDump = false;

  get complete(): boolean {
    return this.lastComment.startsWith("-- Dump completed");
  }

  contents(): { rows: Record<string, number>; migrations: string[] } {
    return { rows: Object.fromEntries(this.rows), migrations: [...this.names].sort() };
  }

  push(chunk: Buffer) {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i]!);
  }

  private byte(b: number) {
    const previous = this.previous;
    this.previous = b;
    if (this.comment === "line") {
      if (b === LF) this.endLineComment();
      else if (this.commentText.length < 120) this.commentText.push(b);
      return;
    }
    if (this.comment === "block") {
      if (b === SLASH && previous === STAR) {
        this.comment = null;
        this.previous = 0;
      }
      return;
    }
    if (this.quote) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH && this.quote !== BACKTICK) this.escaped = true;
      else if (b === this.quote) {
        this.quote = 0;
        if (this.capture) this.names.push(Buffer.from(this.capture).toString("utf8"));
        this.capture = null;
      }
      if (this.quote) this.capture?.push(b);
      if (this.head.length < 160) this.head.push(b);
      return;
    }
    // Conditional comments (/*!40101 SET NAMES utf8mb4 */) and trigger bodies say nothing about rows.
    if (b === STAR && previous === SLASH) {
      this.head.pop();
      if (this.head.length === 0) this.statementStarted = false;
      this.comment = "block";
      this.previous = 0;
      return;
    }
    if (!this.statementStarted) {
      if (b === SPACE || b === LF || b === CR || b === TAB || b === SEMICOLON) return;
      // No statement starts with "-": a "-- …" comment line.
      if (b === DASH) {
        this.comment = "line";
        this.commentText = [b];
        return;
      }
      this.statementStarted = true;
      this.head = [];
      this.kind = undefined;
      this.depth = 0;
    }
    if (this.head.length < 160) this.head.push(b);
    if (b === SEMICOLON && this.depth === 0) {
      this.statementStarted = false;
    } else if (b === QUOTE || b === DOUBLE_QUOTE || b === BACKTICK) {
      this.quote = b;
      if (b === QUOTE && this.depth === 1 && this.field === 0 && this.kind?.table === "schema_migrations")
        this.capture = [];
    } else if (b === OPEN) {
      if (this.depth === 0) {
        this.kind ??= this.classify();
        this.field = 0;
        if (this.kind) {
          if (this.kind.insert) this.rows.set(this.kind.table, (this.rows.get(this.kind.table) ?? 0) + 1);
          else this.rows.set(this.kind.table, this.rows.get(this.kind.table) ?? 0);
        }
      }
      this.depth += 1;
    } else if (b === CLOSE) {
      this.depth -= 1;
    } else if (b === COMMA && this.depth === 1) {
      this.field += 1;
    }
  }

  private classify(): { table: string; insert: boolean } | null {
    const head = Buffer.from(this.head).toString("utf8");
    const m = /^(INSERT INTO|CREATE TABLE) `((?:[^`]|``)+)`/.exec(head);
    if (!m) return null;
    const insert = m[1] === "INSERT INTO";
    // Only the VALUES tuples count, not a column list (--complete-insert) before them.
    if (insert && !/\bVALUES\s*\($/.test(head)) return null;
    return { table: m[2]!.replace(/``/g, "`"), insert };
  }

  private endLineComment() {
    this.comment = null;
    const text = Buffer.from(this.commentText).toString("utf8");
    if (/^-- (MariaDB|MySQL) dump/.test(text)) this.isDump = true;
    if (text.trim() !== "--") this.lastComment = text;
  }
}

export const [LF, CR, TAB, SPACE] = [0x0a, 0x0d, 0x09, 0x20];

export const [QUOTE, DOUBLE_QUOTE, BACKTICK, BACKSLASH] = [0x27, 0x22, 0x60, 0x5c];

export const [OPEN, CLOSE, COMMA, SEMICOLON, DASH, SLASH, STAR] = [0x28, 0x29, 0x2c, 0x3b, 0x2d, 0x2f, 0x2a];
