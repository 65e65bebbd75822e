import dev.resumesite.pdf.Paper;
import dev.resumesite.pdf.ResumePdf;
import dev.resumesite.resume.Resume;
import dev.resumesite.resume.ResumeLoader;
import dev.resumesite.view.AssetCatalog;
import dev.resumesite.view.PageRenderer;
import dev.resumesite.view.ResumeView;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times /resume.pdf's rendering (templates/pdf.html to PDF bytes, what the first download of a paper
 * size waits for) for each resume file given, in one JVM: the first rendering of the run (a cold JVM),
 * then ROUNDS fresh renderings of each file (a warm JVM), median and slowest. Run by bench/pdf.
 */
public class PdfBench {
    private static final int ROUNDS = Integer.getInteger("rounds", 7);

    public static void main(String[] args) {
        boolean first = true;
        for (String arg : args) {
            Path file = Path.of(arg);
            Resume resume = new ResumeLoader(line -> { }, name -> false).load(file);
            PageRenderer renderer = new PageRenderer(new ResumeView(resume, AssetCatalog.fromClasspath()).variables());
            if (first) {
                System.out.printf("cold JVM, first rendering (%s): %d ms%n", file.getFileName(), millis(renderer, resume));
                first = false;
            }
            long[] times = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                times[i] = millis(renderer, resume);
            }
            Arrays.sort(times);
            byte[] pdf = new ResumePdf(renderer, resume.basics().displayName()).bytes(Paper.A4);
            System.out.printf("%-32s %3d jobs  %6d bytes  warm: median %5d ms, slowest %5d ms (%d renderings)%n",
                    file.getFileName(), resume.work().size(), pdf.length, times[ROUNDS / 2], times[ROUNDS - 1], ROUNDS);
        }
    }

    private static long millis(PageRenderer renderer, Resume resume) {
        long started = System.nanoTime();
        new ResumePdf(renderer, resume.basics().displayName()).bytes(Paper.A4);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
