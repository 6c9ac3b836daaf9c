using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A browser-like client for the pages: it keeps cookies and shows redirects rather than following them.</summary>
public static partial class PageSession
{
    public static HttpClient Anonymous(ApiFactory api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = api.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the Development sign-in page's form, antiforgery token and all.</summary>
    public static async Task<HttpClient> SignInAsync(ApiFactory api, Role role, string org, string name = "page.tester")
    {
        var client = Anonymous(api);
        var response = await client.PostAsync("/dev/sign-in", await FormAsync(client, "/dev/sign-in", new()
        {
            ["role"] = role.ToString(),
            ["org"] = org,
            ["name"] = name,
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>
    /// Signed in where there is no Development sign-in page: the cookie the identity provider's
    /// sign-in would have issued, sealed with the app's own keys.
    /// </summary>
    public static HttpClient WithSignInCookie(ApiFactory api, Role role, string org)
    {
        const string scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        var options = api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme);
        var identity = new ClaimsIdentity(
            [new(Caller.RoleClaim, role.ToString()), new(Caller.OrgClaim, org), new("unique_name", "idp.user")], scheme, "unique_name", Caller.RoleClaim);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), scheme);
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = api.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}");
        return client;
    }

    /// <summary>A form post as the page at <paramref name="url"/> would send it, with its antiforgery token.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, url);
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The antiforgery token the page at <paramref name="url"/> puts in its forms.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url) =>
        Token().Match(await client.GetStringAsync(url)) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{url} has no antiforgery token.");

    /// <summary>The text of a page's title element.</summary>
    public static string TitleOf(string html) =>
        Title().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex Title();
}
