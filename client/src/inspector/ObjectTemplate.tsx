/**
 * Object fields of the config form: the root and open-ended maps (headers) render as rjsf renders them;
 * nested fixed-shape objects (a retry policy) fold into a closed `<details>`, so the common fields stay in view.
 */
import { getDefaultRegistry } from '@rjsf/core';
import { canExpand, getUiOptions, type ObjectFieldTemplateProps } from '@rjsf/utils';
import { retryExplanation, retrySummary, type RetryPolicyLike } from './retrySummary.js';

const DefaultObjectTemplate = getDefaultRegistry().templates.ObjectFieldTemplate;

export function ObjectTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId, schema, uiSchema, formData, title, description, properties } = props;
  const last = fieldPathId.path[fieldPathId.path.length - 1];
  // The root, array items (a router's routes) and open-ended maps stay unfolded.
  if (typeof last !== 'string' || canExpand(schema, uiSchema, formData)) return <DefaultObjectTemplate {...props} />;
  return (
    <details className="lf-form__group" id={fieldPathId.$id}>
      <summary>
        {title || last}
        {getUiOptions(uiSchema).retrySummary ? (
          <span className="lf-form__group-summary" title={retryExplanation(formData as RetryPolicyLike)} data-testid="retry-summary">
            {retrySummary(formData as RetryPolicyLike)}
          </span>
        ) : null}
      </summary>
      <div className="lf-form__group-body">
        {description ? <p className="lf-help">{description}</p> : null}
        {properties.filter((p) => !p.hidden).map((p) => p.content)}
      </div>
    </details>
  );
}
