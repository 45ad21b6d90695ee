using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CycleTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CycleTitles",
                columns: table => new
                {
                    CycleId = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CycleTitles", x => new { x.CycleId, x.Language });
                    table.ForeignKey(
                        name: "FK_CycleTitles_AssessmentCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "AssessmentCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CycleTitles");
        }
    }
}
