// The protocol layer's public surface (see README.md): model-driven codecs for rest-json (Roles
// Anywhere) and Query/XML (IAM, STS), validation with AWS's messages, and their typed errors.
export type {
  BlobShape,
  BooleanShape,
  Empty,
  ListShape,
  MapShape,
  MemberModel,
  NumberShape,
  OperationModel,
  OperationName,
  OperationTypes,
  Protocol,
  ServiceMetadata,
  ServiceModel,
  ShapeModel,
  StringShape,
  StructureShape,
  TimestampFormat,
  TimestampShape,
} from "./model.js";
export { operationOf, shapeOf } from "./model.js";
export type { EncodedError, EncodedResponse, ProtocolRequest, QueryMultiMap } from "./request.js";
export { headerValue } from "./request.js";
export {
  ModelInputError,
  ModelOutputError,
  ModelSerializationError,
  ModelValidationError,
  QueryRequestError,
  UnknownOperationError,
} from "./errors.js";
export type { QueryRequestErrorCode, Violation } from "./errors.js";
export { MAX_REPORTED_VIOLATIONS, findViolations, validateInput } from "./validate.js";
export { listRestJsonRoutes, routeRestJson } from "./rest-json-router.js";
export type { RestJsonRoute, RouteMatch } from "./rest-json-router.js";
export { decodeRestJsonInput, encodeRestJsonError, encodeRestJsonOutput } from "./rest-json.js";
export {
  URL_ENCODED_OUTPUT_SHAPES,
  decodeQueryParams,
  decodeQueryRequest,
  encodeQueryError,
  encodeQueryOutput,
} from "./query.js";
export type { QueryDecoded, QueryErrorBody } from "./query.js";
export { formatIso8601, parseIso8601 } from "./timestamp.js";
