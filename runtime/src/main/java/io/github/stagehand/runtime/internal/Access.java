package io.github.stagehand.runtime.internal;

import io.github.stagehand.runtime.CancelledException;

/**
 * The {@link ApiAccess} this package calls, loaded once: the first use initializes the API
 * package's implementation, which installs itself.
 */
final class Access {
    /** The API package's implementation. */
    static final ApiAccess API = load();

    /** The one {@link CancelledException}, which a send or receive throws once done is closed. */
    static final CancelledException CANCELLED = API.cancelled();

    private Access() {}

    private static ApiAccess load() {
        try {
            Class.forName(
                    "io.github.stagehand.runtime.InternalAccess",
                    true,
                    Access.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        ApiAccess installed = ApiAccess.installed();
        if (installed == null) {
            throw new IllegalStateException("the runtime's API package did not install its access");
        }
        return installed;
    }
}
