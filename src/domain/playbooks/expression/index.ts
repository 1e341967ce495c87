export { ExpressionError, type Expr, type Span } from './ast';
export { parseExpression, MAX_EXPRESSION_LENGTH } from './parser';
export { checkExpression, compileCondition, validateCondition, type ConditionCheck } from './check';
export { evaluate, evaluateCondition, type EvalEnv } from './evaluate';
export { printExpression } from './print';
export { FUNCTIONS } from './functions';
export { T, typeFromZod, describeType, withNullable as withNullableType, type Type, type TypeEnv } from './types';
