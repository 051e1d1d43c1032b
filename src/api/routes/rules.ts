import { explainRule } from '../../law/rule-explanation.ts';
import { NotFound } from '../../store/errors.ts';
import { requireUser } from '../auth.ts';
import type { Handler, RouteModule } from '../context.ts';
import { explainRuleSchema } from './rules.schemas.ts';

/** The rulebook, rule by rule, for anyone signed in: the law is not secret, but the API is not open. */
export const ruleRoutes: RouteModule = (app, { rulebook }) => {
  const explain: Handler<typeof explainRuleSchema> = async (request) => {
    requireUser(request);
    const found = explainRule(rulebook, request.params.id);
    if (!found) throw new NotFound('rule', request.params.id);
    return found;
  };
  app.get('/api/rules/:id', { schema: explainRuleSchema }, explain);
};
