// Missing resources as ResourceNotFoundException with the service's wording, whether a read found
// nothing or a write hit something deleted meanwhile.
import { AnchorageError } from "../../http/errors.js";
import { StoreNotFoundError } from "../../store/errors.js";
import type { ResourceType } from "./arns.js";
import { MESSAGES } from "./messages.js";

/** `value`, or ResourceNotFoundException when a read found nothing. */
export function present<T>(type: ResourceType, id: string, value: T | undefined): T {
  if (value === undefined) throw new AnchorageError("NotFound", MESSAGES.notFound(type, id));
  return value;
}

/** Runs a write, turning the store's "does not exist" for this resource into ResourceNotFoundException. */
export async function existing<T>(type: ResourceType, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreNotFoundError && error.entity === type && error.key === id) {
      throw new AnchorageError("NotFound", MESSAGES.notFound(type, id), { cause: error });
    }
    throw error;
  }
}
