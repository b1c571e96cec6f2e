/** The reasons a command's result type can refuse with: `Refusal<CreateTopicResult>`. */
export type Refusal<T> = T extends { ok: false; reason: infer R } ? R : never;
