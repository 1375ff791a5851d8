/// The console's page, script and style, compiled into the binary (SwiftPM's `embedInCode`): the
/// daemon serves them with nothing to install beside it and nothing fetched from elsewhere.
enum Assets {
    static let indexHTML = PackageResources.index_html
    static let appJS = PackageResources.app_js
    static let appCSS = PackageResources.app_css
}
