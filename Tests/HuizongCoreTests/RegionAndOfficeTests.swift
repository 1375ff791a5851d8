import Testing
@testable import HuizongCore


@Suite struct RegionTreeTests {
    @Test func ancestorsComeFromParentsNotCodes() {
        #expect(zhejiang.ancestors(of: "330971") == ["330900", "330000"])
        #expect(zhejiang.ancestors(of: "330000") == [])
        #expect(zhejiang.children["330900"] == ["330902", "330903", "330971"])
    }

    @Test func within() {
        #expect(zhejiang.isWithin("330902", "330900"))
        #expect(zhejiang.isWithin("330902", "330000"))
        #expect(zhejiang.isWithin("330900", "330900"))
        #expect(!zhejiang.isWithin("331082", "330900"))
        #expect(!zhejiang.isWithin("330900", "330902"))
    }
}

@Suite struct AuthorityTests {
    let county = Office(code: "330902", region: "330902", role: .county)
    let city = Office(code: "330900", region: "330900", role: .city)
    let province = Office(code: "330000", region: "330000", role: .province)
    let admin = Office(code: "root", region: nil, role: .admin)

    @Test func countiesSubmitAndReadOnlyTheirOwnRegion() {
        #expect(county.maySubmit(for: "330902"))
        #expect(!county.maySubmit(for: "330903"))
        #expect(!county.maySubmit(for: "330900"))
        #expect(county.mayRead("330902", in: zhejiang))
        #expect(!county.mayRead("330903", in: zhejiang))
        #expect(!county.mayRead("330900", in: zhejiang))
    }

    @Test func citiesSubmitTheirOwnFiguresAndReadBelow() {
        #expect(city.maySubmit(for: "330900"))
        #expect(!city.maySubmit(for: "330902"))
        #expect(city.mayRead("330902", in: zhejiang))
        #expect(city.mayRead("330971", in: zhejiang))
        #expect(!city.mayRead("331082", in: zhejiang))
        #expect(!city.mayRead("330000", in: zhejiang))
    }

    @Test func provincesAndAdmins() {
        #expect(province.mayRead("331082", in: zhejiang))
        #expect(!province.mayRead("110000", in: zhejiang))
        #expect(!province.maySubmit(for: "330900"))
        #expect(admin.maySubmit(for: "331082"))
        #expect(admin.mayRead("110000", in: zhejiang))
    }

    @Test func onlyCitiesAndAboveGovernWhatIsUnderThem() {
        #expect(!county.mayGovern("330902", in: zhejiang))
        #expect(city.mayGovern("330900", in: zhejiang) && city.mayGovern("330902", in: zhejiang))
        #expect(!city.mayGovern("331000", in: zhejiang) && !city.mayGovern("330000", in: zhejiang))
        #expect(province.mayGovern("331082", in: zhejiang) && !province.mayGovern("110000", in: zhejiang))
        #expect(admin.mayGovern("110000", in: zhejiang))
    }
}
