package io.github.stagehand.example;

import static io.github.stagehand.example.Md5AllFixtures.bash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** md5sum's line format and coreutils' quoting of names in messages, byte for byte. */
class Md5AllFormatTest {

    /** printf formats of names, each a quoting case of coreutils' shell-escape style. */
    private static final List<String> NAMES =
            List.of(
                    "plain-name_1.2,+@%%{}]",
                    "a b",
                    "x\\\\y",
                    "no\\nsuch",
                    "t\\tb\\rc",
                    "it's",
                    "a'b$c",
                    "a\\\\'b",
                    "\\377a\\376",
                    "a\\033",
                    "\\001\\002",
                    "unicod\\303\\251 b",
                    "\\302\\205c1",
                    "#x",
                    "x#",
                    "~y",
                    "x~",
                    "a:b",
                    "=b",
                    "*?[",
                    "");

    /** An empty directory: none of the names exists in it. */
    @TempDir Path empty;

    @Test
    void errorMessagesQuoteNamesAsMd5sumDoes() throws Exception {
        // given: md5sum's complaints about each name, which does not exist
        String script =
                """
                cd "$1"
                shift
                for format in "$@"; do
                  md5sum -- "$(printf "$format")" 2>&1 >/dev/null | sed 's/^md5sum: //'
                done
                true
                """;
        List<String> args = new ArrayList<>(List.of(empty.toString()));
        args.addAll(NAMES);
        byte[] expected = bash(script, args.toArray(String[]::new)).stdout();

        // when: md5all words the same errors
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        for (String format : NAMES) {
            byte[] name = printf(format);
            actual.writeBytes(Md5AllFormat.errorLine(name, "No such file or directory"));
        }

        // then
        String ours =
                new String(actual.toByteArray(), StandardCharsets.ISO_8859_1)
                        .replace("md5all: ", "");
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), ours);
    }

    @Test
    void linesEscapeBackslashNewlineAndCarriageReturnOnly() throws Exception {
        Md5AllFormat format = new Md5AllFormat();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        format.writeLine(out, bytes("d/plain name\t"), "00ff");
        format.writeLine(out, bytes("d/a\\b\nc\rd"), "00ff");
        format.writeLine(out, new byte[] {'d', '/', (byte) 0xff}, "00ff");

        assertEquals(
                "00ff  d/plain name\t\n" + "\\00ff  d/a\\\\b\\nc\\rd\n" + "00ff  d/\u00ff\n",
                new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void progressLineShowsFilesBytesAndRate() {
        assertEquals(
                "1,234 files  2.0 MiB  1.0 MiB/s",
                Md5AllProgress.line(1234, 2 << 20, 2_000_000_000L));
        assertEquals("0 files  0 B  0 B/s", Md5AllProgress.line(0, 0, 0));
    }

    /** What bash's printf makes of {@code format}: the name's bytes. */
    private static byte[] printf(String format) throws Exception {
        return bash("printf \"$1\"", format).stdout();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
