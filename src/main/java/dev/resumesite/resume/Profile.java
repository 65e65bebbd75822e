package dev.resumesite.resume;

/** An account elsewhere on the web, e.g. network "GitHub", username "alindqvist", and its url. */
public record Profile(String network, String username, String url) {

    /** What the contact strip labels it with: the network, or "Profile" when only a URL or username is given. */
    public String kind() {
        return network == null ? "Profile" : network;
    }

    /** The link's text: the username, else the network's name, else the URL itself, so no link is ever empty. */
    public String linkText() {
        if (username != null) {
            return username;
        }
        return network != null ? network : url;
    }
}
