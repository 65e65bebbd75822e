package dev.resumesite.view;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates packaged from {@code templates/}. The engine is built once and
 * caches parsed templates; each request only builds its context.
 */
public final class PageRenderer {
    private final TemplateEngine engine = new TemplateEngine();
    private final Map<String, Object> shared;

    /** {@code shared} holds the variables every page sees, such as the resume and the asset catalog. */
    public PageRenderer(Map<String, Object> shared) {
        this.shared = Map.copyOf(shared);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PageRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** Renders a template with the shared variables plus {@code variables}. */
    public String render(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.US, shared);
        context.setVariables(variables);
        return engine.process(template, context);
    }
}
