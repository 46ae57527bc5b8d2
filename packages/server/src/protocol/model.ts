/**
 * The compact, typed form of a botocore service model that `scripts/generate-models.mjs` writes to
 * `src/generated/*.ts`. The codecs (`rest-json.ts`, `query.ts`) and the validator (`validate.ts`) are
 * driven only by these tables: nothing about a shape is written by hand.
 */

/** Wire protocols the codecs implement. */
export type Protocol = "rest-json" | "query";

/** Service-level facts from the model's `metadata`. */
export interface ServiceMetadata {
  readonly protocol: Protocol;
  readonly apiVersion: string;
  readonly endpointPrefix: string;
  readonly signingName: string;
  readonly serviceId: string;
  /** Query protocol: the namespace of every XML response and error. */
  readonly xmlNamespace?: string;
  readonly globalEndpoint?: string;
}

/** Where a rest-json member travels; absent means the JSON body (or the Query parameters). */
export type MemberLocation = "uri" | "querystring" | "header";

export interface MemberModel {
  readonly shape: string;
  readonly location?: MemberLocation;
  /** Wire name: the uri label, query key, header name, or serialised name. */
  readonly locationName?: string;
}

interface ShapeBase {
  /** Values of this shape are never echoed in validation messages. */
  readonly sensitive?: true;
}

export interface StructureShape extends ShapeBase {
  readonly type: "structure";
  readonly members: Readonly<Record<string, MemberModel>>;
  readonly required?: readonly string[];
  /** Exactly one member must be set. */
  readonly union?: true;
  readonly exception?: true;
  /** Query protocol error code (absent: the shape name) and HTTP status, for exception shapes. */
  readonly error?: { readonly code?: string; readonly httpStatusCode: number; readonly senderFault?: true };
}

export interface ListShape extends ShapeBase {
  readonly type: "list";
  readonly member: { readonly shape: string; readonly locationName?: string };
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: true;
}

export interface MapShape extends ShapeBase {
  readonly type: "map";
  readonly key: { readonly shape: string; readonly locationName?: string };
  readonly value: { readonly shape: string; readonly locationName?: string };
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: true;
}

export interface StringShape extends ShapeBase {
  readonly type: "string";
  readonly min?: number;
  readonly max?: number;
  /** The pattern exactly as the model spells it (a Java regex); AWS quotes it in messages. */
  readonly pattern?: string;
  /** `pattern` converted to JavaScript and anchored: the whole value must match, as AWS applies it. */
  readonly regex?: RegExp;
  readonly enum?: readonly string[];
}

export interface NumberShape extends ShapeBase {
  readonly type: "integer" | "long";
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape extends ShapeBase {
  readonly type: "boolean";
}

export type TimestampFormat = "iso8601" | "epoch-seconds" | "rfc822";

export interface TimestampShape extends ShapeBase {
  readonly type: "timestamp";
  readonly timestampFormat?: TimestampFormat;
}

export interface BlobShape extends ShapeBase {
  readonly type: "blob";
  readonly min?: number;
  readonly max?: number;
}

export type ShapeModel =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | NumberShape
  | BooleanShape
  | TimestampShape
  | BlobShape;

export interface OperationModel {
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: string;
  readonly output?: string;
  /** Query protocol: the element wrapping the output (`<OpNameResult>`). */
  readonly resultWrapper?: string;
  /** Exception shape names the operation is modelled to raise. */
  readonly errors: readonly string[];
  /** Auth schemes when the operation overrides the service's (e.g. `smithy.api#noAuth`). */
  readonly auth?: readonly string[];
  /** First sentence of the model's documentation, as plain text. */
  readonly documentation?: string;
}

/** The input and output types of every operation of a service, keyed by operation name. */
export type OperationTypes = Record<string, { input: unknown; output: unknown }>;

/** What an operation without an input or output shape takes or returns. */
export type Empty = Record<string, never>;

export interface ServiceModel<Ops extends OperationTypes = OperationTypes> {
  /** botocore's service name (`rolesanywhere`, `iam`, `sts`). */
  readonly service: string;
  /** The botocore release the tables were generated from. */
  readonly botocoreVersion: string;
  readonly metadata: ServiceMetadata;
  readonly operations: { readonly [K in keyof Ops & string]: OperationModel };
  readonly shapes: Readonly<Record<string, ShapeModel>>;
}

/** The operation names of a model. */
export type OperationName<Ops extends OperationTypes> = keyof Ops & string;

/** Looks a shape up; a name the model does not define is a generator bug, so this throws. */
export function shapeOf(model: ServiceModel, name: string): ShapeModel {
  const shape = model.shapes[name];
  if (shape === undefined) throw new Error(`${model.service} model has no shape ${name}`);
  return shape;
}

/** Looks an operation up by name; undefined when the model has none of that name. */
export function operationOf(model: ServiceModel, name: string): OperationModel | undefined {
  return Object.hasOwn(model.operations, name)
    ? (model.operations as Record<string, OperationModel>)[name]
    : undefined;
}
