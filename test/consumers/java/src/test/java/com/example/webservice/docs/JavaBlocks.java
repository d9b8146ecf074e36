package com.example.webservice.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ```java blocks of a Markdown document, with where each one is. */
final class JavaBlocks {

    /**
     * One block.
     *
     * @param number the block's number in the document, from 1
     * @param firstLine the document's line number of the block's first code line
     * @param code the code, as written
     * @param anchor the id of the last HTML anchor before the block (API reference sections have one), or ""
     */
    record Block(int number, int firstLine, String code, String anchor) {
    }

    private static final Pattern ANCHOR = Pattern.compile("<a name=\"[^\"]*\" id=\"([^\"]+)\"></a>");

    private JavaBlocks() {
    }

    static List<Block> of(final String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String anchor = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher anchors = ANCHOR.matcher(line);
            while (anchors.find()) {
                anchor = anchors.group(1);
            }
            String fence = line.strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.length && !lines[end].strip().startsWith("```")) {
                end++;
            }
            if (fence.equals("```java")) {
                StringBuilder code = new StringBuilder();
                for (int j = i + 1; j < end; j++) {
                    code.append(lines[j]).append('\n');
                }
                blocks.add(new Block(blocks.size() + 1, i + 2, code.toString(), anchor));
            }
            i = end;
        }
        return blocks;
    }
}
