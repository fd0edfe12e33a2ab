// util.send_email through Resend's HTTP API. Xano's own sender ("xano") has no standalone
// equivalent: EMAIL_PROVIDER chooses the provider ("resend", or "log" to print instead of
// sending); RESEND_BASE_URL points elsewhere (tests).

export interface Email {
  serviceProvider?: string;
  /** Null when the variable it is read from is not set: then RESEND_API_KEY. */
  apiKey?: string | null;
  subject: unknown;
  message: unknown;
  /** Required by the provider; a missing one is reported by it at run time. */
  to?: unknown;
  from?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  scheduledAt?: unknown;
}

function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const items = Array.isArray(value) ? value : [value];
  const out = items.map(String).filter((s) => s !== "");
  return out.length > 0 ? out : undefined;
}

export async function sendEmail(email: Email): Promise<any> {
  const provider = process.env.EMAIL_PROVIDER ?? email.serviceProvider ?? "resend";
  if (provider === "log") {
    // For trying a project out: the e-mail is printed, not sent.
    console.info(`[email] ${JSON.stringify({ to: email.to, subject: email.subject, message: email.message })}`);
    return { id: "logged" };
  }
  if (provider !== "resend") {
    throw new Error(
      `util.send_email: provider "${provider}" has no standalone equivalent; set EMAIL_PROVIDER=resend and RESEND_API_KEY`,
    );
  }
  const apiKey = email.apiKey ?? process.env.RESEND_API_KEY;
  if (!apiKey) throw new Error("util.send_email: no Resend API key (set RESEND_API_KEY)");
  const base = (process.env.RESEND_BASE_URL ?? "https://api.resend.com").replace(/\/$/, "");
  const body: Record<string, unknown> = {
    from: email.from ?? process.env.EMAIL_FROM,
    to: list(email.to),
    subject: String(email.subject ?? ""),
    text: String(email.message ?? ""),
  };
  if (list(email.cc)) body.cc = list(email.cc);
  if (list(email.bcc)) body.bcc = list(email.bcc);
  if (list(email.replyTo)) body.reply_to = list(email.replyTo);
  if (email.scheduledAt !== undefined && email.scheduledAt !== null && email.scheduledAt !== "")
    body.scheduled_at = email.scheduledAt;
  const response = await fetch(`${base}/emails`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const result: any = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`util.send_email: Resend answered ${response.status}: ${JSON.stringify(result)}`);
  return result;
}
