package dev.resumesite.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests one in-memory {@link Dynalite} shared by the whole run; JUnit closes it when the run
 * ends. Tests isolate themselves with their own table names.
 */
public final class DynaliteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynaliteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Dynalite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The SDK's default credential chain (used by the app as in production) reads these.
        System.setProperty("aws.accessKeyId", Dynalite.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Dynalite.SECRET_KEY);
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("dynalite", key -> Dynalite.startInMemory(), Dynalite.class);
    }
}
