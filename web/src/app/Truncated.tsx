/** One line of text that never breaks the layout: cut with an ellipsis, the whole text in a tooltip. */
import { Text, type TextProps } from '@mantine/core';

export function Truncated({ children, ...props }: TextProps & { children: string }) {
  return (
    <Text truncate="end" title={children} {...props}>
      {children}
    </Text>
  );
}
