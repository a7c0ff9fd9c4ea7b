// The web build's declarations: initialise, then the same API as in Node.
import init, { check, type Report } from "../pkg/web/waypost.js";

export async function coverage(text: string, name: string): Promise<Report> {
  await init();
  return check(text, { name });
}
