/**
 * The gateway's last step on every answer, done with less work per value: @apollo/gateway's
 * `computeResponse` (dist/resultShaping.js, 2.14.4) rebuilds the data its fetches gathered value
 * by value against the operation, dropping what the client did not ask for, checking leaf values
 * and nullability, and bubbling nulls. On the benchmark's answers of thousands of small objects
 * that was the largest share of the gateway's CPU (docs/BENCHMARKS.md), because for every value
 * it asks the operation again what it already answered for the previous one: each selection's
 * `@skip`/`@include` directives (two filtered arrays), its response name, its type's kind, a
 * subtype test per fragment, and it returns a fresh `{ updated, … }` object per value into
 * null-prototype objects, which V8 keeps as slow dictionaries.
 *
 * This is the same algorithm, step for step and in the same order (the same output keys in the
 * same order, the same errors with the same messages and paths, the same assertions), with
 * what depends only on the operation worked out once per selection set (`stepsOf`) and once per
 * type (`shapeOf`), the two side results passed in module variables, and plain objects for the
 * output (a response name that is also an `Object.prototype` property, like `constructor`, is
 * read and written as an own property). tests/unit/gateway/result-shaping.test.ts runs both on
 * the same inputs, including the failing ones.
 */
import * as federation from '@apollo/federation-internals';
import type {
  CompositeType,
  Directive,
  FieldSelection,
  NamedType,
  Operation,
  Schema,
  Selection,
  SelectionSet,
  Type,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

// Read once: the package's own index re-exports through accessors (see ../plain-federation-exports.ts).
const assert: (condition: unknown, message: string | (() => string)) => asserts condition = federation.assert;
const { ERRORS, isSubtype, isCompositeType, isObjectType, isCustomScalarType, isEnumType, typenameFieldName, Variable } = federation;

/** What Apollo's computeResponse is called with (executeQueryPlan.js) and returns. */
export interface ComputeResponseArgs {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (introspectionSelection: FieldSelection) => unknown;
}
export interface ComputeResponseResult {
  data: Record<string, unknown> | null | undefined;
  errors: GraphQLError[];
}

interface Parameters {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspectionHandling: ComputeResponseArgs['introspectionHandling'];
}

/** A directive's `if:` as written: a literal, or the variable to read at run time. */
interface Condition {
  directive: Directive<any>;
  literal: unknown;
  variable: string | undefined;
}

interface FieldStep {
  kind: 'field';
  selection: FieldSelection;
  skip: Condition | undefined;
  include: Condition | undefined;
  responseName: string;
  /** The response name is an Object.prototype property: read it as an own property only. */
  inherited: boolean;
  introspection: boolean;
  typename: boolean;
  shape: Shape;
  /** The shape when it is a leaf or a non-null leaf: a valid value is then copied as it is. */
  leaf: LeafShape | undefined;
  selectionSet: SelectionSet | undefined;
  /** stepsOf(selectionSet).plain, kept here on first use (undefined until then): isShaped asks it for every object. */
  plainChildren?: FieldStep[] | null;
}

interface FragmentStep {
  kind: 'fragment';
  skip: Condition | undefined;
  include: Condition | undefined;
  typeCondition: CompositeType | undefined;
  selectionSet: SelectionSet;
  /** typeConditionApplies, remembered: by __typename, and by parent type when there is none. */
  appliesToTypename: Map<string, boolean>;
  appliesToParent: Map<CompositeType, boolean>;
}

type Step = FieldStep | FragmentStep;

/** A selection set's steps, with what is asked of the whole list, worked out once with them. */
interface Steps {
  list: Step[];
  /**
   * No fragment (whose selections land in the same output object) and no response name twice:
   * applying the list visits each child output once, so a child's value may be the input's own
   * (isShaped); a second visit would write into it.
   */
  writesOnce: boolean;
  /**
   * The list itself when the set is also plain: no @skip/@include, no __typename, no
   * introspection field and no response name inherited from Object.prototype. Of such a set,
   * visited once, the output object has exactly the steps' response names in the steps' order,
   * and each value is shaped on its own. Null when it is not plain.
   */
  plain: FieldStep[] | null;
}


/** A field's type, unwrapped once: what updateOutputValue asks of it for every value. */
type Shape =
  | { kind: 'nonNull'; type: Type; of: Shape }
  | { kind: 'list'; type: Type; of: Shape }
  | { kind: 'composite'; type: CompositeType }
  | LeafShape;
type LeafShape = { kind: 'leaf'; type: NamedType; isValid: (value: unknown) => boolean };

const stepsCache = new WeakMap<SelectionSet, Steps>();
const shapeCache = new WeakMap<Type, Shape>();
const integerString = /^-?(?:0|[1-9][0-9]*)$/;

function conditionOf(directive: Directive<any> | undefined): Condition | undefined {
  if (!directive) return undefined;
  const ifArg = directive.arguments().if;
  return ifArg instanceof Variable
    ? { directive, literal: undefined, variable: ifArg.name }
    : { directive, literal: ifArg, variable: undefined };
}

function stepsOf(selectionSet: SelectionSet, schema: Schema): Steps {
  const known = stepsCache.get(selectionSet);
  if (known) return known;
  const steps: Step[] = [];
  for (const selection of selectionSet.selections() as readonly Selection[]) {
    const element = selection.element;
    const skip = conditionOf(element.appliedDirectivesOf(schema.skipDirective())[0]);
    const include = conditionOf(element.appliedDirectivesOf(schema.includeDirective())[0]);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      const responseName = field.responseName();
      const shape = shapeOf(field.definition.type!, schema);
      steps.push({
        kind: 'field',
        selection,
        skip,
        include,
        responseName,
        inherited: responseName in Object.prototype,
        introspection: field.definition.isSchemaIntrospectionField(),
        typename: field.name === typenameFieldName,
        shape,
        leaf: shape.kind === 'leaf' ? shape : shape.kind === 'nonNull' && shape.of.kind === 'leaf' ? shape.of : undefined,
        selectionSet: selection.selectionSet,
        plainChildren: undefined,
      });
    } else {
      steps.push({
        kind: 'fragment',
        skip,
        include,
        typeCondition: selection.element.typeCondition,
        selectionSet: selection.selectionSet,
        appliesToTypename: new Map(),
        appliesToParent: new Map(),
      });
    }
  }
  const names = new Set<string>();
  const writesOnce = steps.every((step) => step.kind === 'field' && !names.has(step.responseName) && names.add(step.responseName));
  const plain = writesOnce && steps.every((step) => step.kind === 'field' && !step.skip && !step.include && !step.typename && !step.introspection && !step.inherited);
  const result: Steps = { list: steps, writesOnce, plain: plain ? (steps as FieldStep[]) : null };
  stepsCache.set(selectionSet, result);
  return result;
}

/**
 * True when shaping `value` against its shape (and, for objects, the plain steps of their
 * selection set: Steps.plain) would give back an equal value: every object with exactly the selected
 * response names in the selected order and no __typename or other extra key, every list a
 * list, every leaf valid, no null where the type forbids one (so no error and nothing to
 * bubble). Such a value is used as the output as it is, instead of being copied object by
 * object, which is most of what shaping allocates. It walks without allocating; where it
 * answers false the value is shaped as before.
 */
function isShaped(value: unknown, shape: Shape, plain: FieldStep[] | null, schema: Schema): boolean {
  // Never in parsed JSON, but a custom scalar's check accepts anything: Apollo's way decides (null, or its assertion).
  if (value === undefined) return false;
  if (shape.kind === 'nonNull') return value !== null && isShaped(value, shape.of, plain, schema);
  if (value === null) return true;
  if (shape.kind === 'leaf') return shape.isValid(value);
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) if (!isShaped(value[i], shape.of, plain, schema)) return false;
    return true;
  }
  if (typeof value !== 'object' || Array.isArray(value) || !plain) return false;
  const object = value as Record<string, unknown>;
  // The same keys in the same order (for…in visits an object's own keys in insertion order;
  // response names are GraphQL names, never integer-like, which it would visit first).
  let i = 0;
  for (const key in object) {
    if (i === plain.length || key !== plain[i]!.responseName) return false;
    i++;
  }
  if (i !== plain.length) return false;
  for (const step of plain) {
    if (!isShaped(object[step.responseName], step.shape, plainChildrenOf(step, schema), schema)) return false;
  }
  return true;
}

/** The plain steps of a field's selection set, kept on the step; null for a leaf or a set that is not plain. */
function plainChildrenOf(step: FieldStep, schema: Schema): FieldStep[] | null {
  if (step.plainChildren === undefined) step.plainChildren = step.selectionSet ? stepsOf(step.selectionSet, schema).plain : null;
  return step.plainChildren;
}

function shapeOf(type: Type, schema: Schema): Shape {
  const known = shapeCache.get(type);
  if (known) return known;
  let shape: Shape;
  if (type.kind === 'NonNullType' || type.kind === 'ListType') {
    shape = { kind: type.kind === 'NonNullType' ? 'nonNull' : 'list', type, of: shapeOf(type.ofType, schema) };
  } else if (isCompositeType(type)) {
    shape = { kind: 'composite', type };
  } else {
    shape = { kind: 'leaf', type, isValid: leafCheck(type, schema) };
  }
  shapeCache.set(type, shape);
  return shape;
}

/** federation-internals' isValidLeafValue(schema, value, type) with the type's questions answered once. */
function leafCheck(type: NamedType, schema: Schema): (value: unknown) => boolean {
  if (isCustomScalarType(type)) return () => true;
  const isBoolean = type === schema.booleanType();
  const isInt = type === schema.intType();
  const isIntOrId = isInt || type === schema.idType();
  const isFloat = type === schema.floatType();
  const enumType = isEnumType(type) ? type : undefined;
  return (value) => {
    if (typeof value === 'boolean') return isBoolean;
    if (typeof value === 'number' && isFinite(value)) return isIntOrId ? integerString.test(String(value)) : isFloat;
    if (typeof value === 'string') return enumType ? enumType.value(value) !== undefined : !isBoolean && !isInt && !isFloat;
    return false;
  };
}

function ifValue(condition: Condition, variables: Record<string, unknown>): unknown {
  if (condition.variable === undefined) return condition.literal;
  const value = variables[condition.variable];
  assert(
    value !== undefined && typeof value === 'boolean',
    () => `Unexpected value ${value} for variable $${condition.variable} of ${condition.directive}`,
  );
  return value;
}

function shouldSkip(step: Step, variables: Record<string, unknown>): unknown {
  return (step.skip && ifValue(step.skip, variables)) || (step.include && !ifValue(step.include, variables));
}

function typeConditionApplies(step: FragmentStep, schema: Schema, typename: string | undefined, parentType: CompositeType): boolean {
  const condition = step.typeCondition;
  if (!condition) return true;
  if (typename) {
    let applies = step.appliesToTypename.get(typename);
    if (applies === undefined) {
      const type = schema.type(typename);
      applies = !!type && isSubtype(condition, type);
      step.appliesToTypename.set(typename, applies);
    }
    return applies;
  }
  let applies = step.appliesToParent.get(parentType);
  if (applies === undefined) {
    applies = isSubtype(condition, parentType);
    step.appliesToParent.set(parentType, applies);
  }
  return applies;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The input's own value under a response name (Apollo's getOwn), without a call when nothing is inherited. */
function ownValue(input: Record<string, unknown>, step: FieldStep): unknown {
  const value = input[step.responseName];
  // Parsed JSON holds no functions: a function here is Array.prototype's or Object.prototype's.
  if (step.inherited || typeof value === 'function') return hasOwn(input, step.responseName) ? value : undefined;
  return value;
}

/** output[responseName] = value, as an own property even for a name like `__proto__`. */
function setOutput(output: Record<string, unknown>, step: FieldStep, value: unknown): void {
  if (step.inherited) Object.defineProperty(output, step.responseName, { value, writable: true, enumerable: true, configurable: true });
  else output[step.responseName] = value;
}

export function computeResponse({ operation, variables, input, introspectionHandling }: ComputeResponseArgs): ComputeResponseResult {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const parameters: Parameters = {
    schema,
    variables: { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables },
    errors: [],
    introspectionHandling,
  };
  const data = {};
  const bubbled = applySelectionSet(input, stepsOf(operation.selectionSet, schema), data, parameters, [], schema.schemaDefinition.rootType(operation.rootKind)!, true);
  return { data: bubbled ? null : data, errors: parameters.errors };
}

/**
 * Apollo's applySelectionSet; true where it returns NULL_BUBBLE_UP. `once`: this output object
 * is visited by this call only (no fragment or repeated response name above it writes into it
 * again), so a child value that is already shaped can be the input's own.
 */
function applySelectionSet(
  input: Record<string, unknown>,
  { list: steps, writesOnce }: Steps,
  output: Record<string, unknown>,
  parameters: Parameters,
  path: (string | number)[],
  parentType: CompositeType,
  once: boolean,
): boolean {
  const childrenOnce = once && writesOnce;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if ((step.skip || step.include) && shouldSkip(step, parameters.variables)) continue;
    if (step.kind === 'field') {
      const responseName = step.responseName;
      const outputValue = step.inherited ? (hasOwn(output, responseName) ? output[responseName] : undefined) : output[responseName];
      if (step.introspection) {
        if (outputValue === undefined) setOutput(output, step, parameters.introspectionHandling(step.selection));
        continue;
      }
      let inputValue = ownValue(input, step) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (parameters.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return true;
          setOutput(output, step, type.name);
        }
        continue;
      }
      // updateOutputValue's outcome for a valid leaf seen the first time, without the call:
      // the value itself, no error, nothing to bubble.
      if (step.leaf && outputValue === undefined && inputValue !== null && step.leaf.isValid(inputValue)) {
        setOutput(output, step, inputValue);
        continue;
      }
      // Its outcome for a list or object already in the answer's shape: the value itself (no
      // copy), no error, nothing to bubble.
      if (childrenOnce && step.selectionSet && outputValue === undefined && inputValue !== null && isShaped(inputValue, step.shape, plainChildrenOf(step, parameters.schema), parameters.schema)) {
        setOutput(output, step, inputValue);
        continue;
      }
      path.push(responseName);
      const updated = updateOutputValue(outputValue, step.shape, inputValue, step.selectionSet, path, parameters, parentType, childrenOnce);
      const isInvalid = lastInvalid;
      setOutput(output, step, updated);
      path.pop();
      if (isInvalid) return true;
    } else {
      const typename = input[typenameFieldName];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${typename}`);
      if (typeConditionApplies(step, parameters.schema, typename as string | undefined, parentType)) {
        const bubbled = applySelectionSet(
          input,
          stepsOf(step.selectionSet, parameters.schema),
          output,
          parameters,
          path,
          step.typeCondition ?? parentType,
          false,
        );
        if (bubbled) return true;
      }
    }
  }
  return false;
}

function pathLastElementDescription(path: (string | number)[], currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string'
    ? `field ${parentType}.${element}`
    : `array element of type ${currentType} at index ${element}`;
}

function invalidGraphQL(message: string, path: (string | number)[]): GraphQLError {
  return ERRORS.INVALID_GRAPHQL.err(message, { path: Array.from(path) });
}

// updateOutputValue's `isInvalid` and `hasErrors`, read by its caller right after each call
// instead of being returned in a new object per value.
let lastInvalid = false;
let lastHasErrors = false;

function done(updated: unknown, isInvalid: boolean, hasErrors: boolean): unknown {
  lastInvalid = isInvalid;
  lastHasErrors = hasErrors;
  return updated;
}

/**
 * Apollo's updateOutputValue: returns `updated`, leaves `isInvalid` and `hasErrors` in
 * lastInvalid and lastHasErrors. `once`: the output it fills is visited by this call only (see
 * applySelectionSet).
 */
function updateOutputValue(
  outputValue: any,
  shape: Shape,
  inputValue: any,
  selectionSet: SelectionSet | undefined,
  path: (string | number)[],
  parameters: Parameters,
  parentType: CompositeType,
  once: boolean,
): unknown {
  if (inputValue === undefined) assert(false, 'Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return done(outputValue, false, false);

  if (shape.kind === 'nonNull') {
    const updated = updateOutputValue(outputValue, shape.of, inputValue, selectionSet, path, parameters, parentType, once);
    if (updated === null) {
      if (!lastHasErrors) {
        parameters.errors.push(
          invalidGraphQL(`Cannot return null for non-nullable ${pathLastElementDescription(path, shape.of.type, parentType)}.`, path),
        );
      }
      return done(updated, true, true);
    }
    return done(updated, false, false);
  }

  if (inputValue === null) return done(null, false, false);

  if (shape.kind === 'list') {
    const type = shape.type;
    assert(Array.isArray(inputValue), () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
    assert(outputValue === undefined || Array.isArray(outputValue), () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`);
    const length = inputValue.length;
    if (outputValue !== undefined) {
      assert(length === outputValue.length, () => `[${inputValue}].length (${length}) !== [${outputValue}].length (${outputValue.length})`);
    }
    let shouldNullify = false;
    let hasErrors = false;
    const updated: unknown[] = [];
    for (let index = 0; index < length; index++) {
      path.push(index);
      const element = updateOutputValue(outputValue?.[index], shape.of, inputValue[index], selectionSet, path, parameters, parentType, once);
      path.pop();
      shouldNullify ||= lastInvalid;
      hasErrors ||= lastHasErrors;
      updated.push(element);
    }
    return done(shouldNullify ? null : updated, false, hasErrors);
  }

  if (shape.kind === 'composite') {
    const type = shape.type;
    assert(selectionSet, () => `Invalid empty selection set for composite type ${type}`);
    assert(typeof inputValue === 'object', () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    assert(outputValue === undefined || typeof outputValue === 'object', () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    const inputTypename = inputValue[typenameFieldName];
    assert(inputTypename === undefined || typeof inputTypename === 'string', () => `Invalid non-string value ${inputTypename} for __typename at ${path}`);
    let objectType: CompositeType = type;
    if (inputTypename) {
      const typenameType = parameters.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        parameters.errors.push(invalidGraphQL(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, path));
        return done(null, false, true);
      }
      objectType = typenameType;
    }
    const output = outputValue === undefined ? {} : outputValue;
    const bubbled = applySelectionSet(inputValue, stepsOf(selectionSet, parameters.schema), output, parameters, path, objectType, once && outputValue === undefined);
    return done(bubbled ? null : output, false, bubbled);
  }

  assert(outputValue === undefined, () => `Excepted output to be undefined but got ${shape.type} for type ${shape.type}`);
  const isValid = shape.isValid(inputValue);
  if (!isValid) {
    parameters.errors.push(invalidGraphQL(`Invalid value found for ${pathLastElementDescription(path, shape.type, parentType)}.`, path));
  }
  return done(isValid ? inputValue : null, false, !isValid);
}
