using ContractMonitor.Core.Notifications;
using Microsoft.Extensions.Configuration;

namespace ContractMonitor.Tests.Core.Notifications;

public sealed class EmailSettingsTests
{
    private static EmailSettings Read(params (string Key, string Value)[] settings) => EmailSettings.Read(
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void WithoutSettingsNothingIsSentAndLinksPointAtTheLocalApi()
    {
        var settings = Read();

        Assert.False(settings.CanSend);
        Assert.Equal((25, false, "contractmonitor.local"), (settings.Port, settings.UseTls, settings.MessageIdDomain));
        Assert.Equal(new Uri("http://localhost:5080/"), settings.BaseUrl);
    }

    [Theory]
    [InlineData("https://intranet.council.gov.uk/monitor", "https://intranet.council.gov.uk/monitor/api/contracts/7/split-screen")]
    [InlineData("https://intranet.council.gov.uk/monitor/", "https://intranet.council.gov.uk/monitor/api/contracts/7/split-screen")]
    public void LinksKeepTheBaseUrlsPath(string baseUrl, string link) =>
        Assert.Equal(new Uri(link), new Uri(Read(("Notifications:BaseUrl", baseUrl)).BaseUrl, "api/contracts/7/split-screen"));

    [Theory]
    [InlineData("Smtp:From", "not an address", "Smtp:From")]
    [InlineData("Notifications:BaseUrl", "monitor.council.gov.uk", "Notifications:BaseUrl")]
    [InlineData("Notifications:BaseUrl", "ftp://monitor.council.gov.uk/", "Notifications:BaseUrl")]
    public void ASettingThatCannotBeUsedIsNamed(string key, string value, string named) =>
        Assert.Contains(named, Assert.Throws<InvalidOperationException>(() => Read((key, value))).Message, StringComparison.Ordinal);
}
