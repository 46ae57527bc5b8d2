/**
 * A bad input the command itself found (not the loader nor CreateSession); its message is printed as
 * is. Its own module, so that option parsers can throw it without loading the CreateSession client.
 */
export class CliInputError extends Error {
  override readonly name = "CliInputError";
}
