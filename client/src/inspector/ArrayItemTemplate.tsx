/** One item of an array field (a router's route): a card with its move/remove buttons in the top corner. */
import { getTemplate, getUiOptions, type ArrayFieldItemTemplateProps } from '@rjsf/utils';

export function ArrayItemTemplate({ children, buttonsProps, hasToolbar, registry, uiSchema }: ArrayFieldItemTemplateProps) {
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <div className="lf-array-item">
      {hasToolbar ? (
        <div className="lf-array-item__toolbar btn-group">
          <Buttons {...buttonsProps} />
        </div>
      ) : null}
      <div className="lf-array-item__body">{children}</div>
    </div>
  );
}
